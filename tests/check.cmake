# folio check: the readability command, end to end (tests/e2e/check.sh).
add_test(NAME check COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/check.sh")
set_tests_properties(check PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e")
