# Typographic quotes end to end: an English and a French article exported to
# PDF, text, HTML and JSON print the same marks, and --straight-quotes keeps
# them as typed (tests/e2e/quotes.sh).
if(TARGET folio-txt AND TARGET folio-html AND TARGET folio-pdf AND TARGET folio-json)
  add_test(NAME quotes COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/quotes.sh")
  set_tests_properties(quotes PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e")
endif()
