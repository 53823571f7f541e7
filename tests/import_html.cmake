# The HTML and WordPress-export importers end to end through the folio
# command: pages in, text and JSON out; a WXR export as batch input.
add_test(NAME import_html_cli COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/import_html.sh")
set_tests_properties(import_html_cli PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e"
                     TIMEOUT 120)
# Title, author, date, language, body precision/recall and boilerplate leaks
# measured on the hand-annotated pages in tests/fixtures/html.
add_test(NAME import_html_corpus COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/e2e/html_corpus.py")
set_tests_properties(import_html_corpus PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e"
                     TIMEOUT 120)
