# Valgrind memcheck (label "memcheck"): core suites and text/pdf/zip exports.
add_test(NAME memcheck COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/memcheck.sh")
set_tests_properties(memcheck PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "memcheck"
                     TIMEOUT 1800 SKIP_RETURN_CODE 77)
