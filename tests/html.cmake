# The html exporter: its escaping and colour helpers driven directly
# (cmocka), then end to end (tidy, structure, hostile input, css, accent
# contrast, headless Chromium when installed).
if(TARGET folio-html)
  add_executable(test_html "${CMAKE_SOURCE_DIR}/plugins/html/test_html.c"
                 "${CMAKE_SOURCE_DIR}/plugins/html/html_out.c")
  target_include_directories(test_html PRIVATE "${CMAKE_SOURCE_DIR}/plugins/html")
  target_link_libraries(test_html PRIVATE folio PkgConfig::CMOCKA m)
  add_test(NAME test_html COMMAND test_html)
  set_tests_properties(test_html PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "unit")

  add_test(NAME html COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/html.sh")
  set_tests_properties(html PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e")
endif()
