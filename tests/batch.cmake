# folio batch, end to end (shell suite; generated corpora come from bench/).
add_test(NAME batch COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch.sh")
set_tests_properties(batch PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e" TIMEOUT 1500)
