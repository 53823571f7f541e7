# The html exporter end to end (tidy, structure, hostile input, css, accent
# contrast, headless Chromium when installed).
if(TARGET folio-html)
  add_test(NAME html COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/html.sh")
  set_tests_properties(html PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e")
endif()
