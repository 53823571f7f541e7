# Hostile and broken input: a table of cases, each with its expected outcome.
add_test(NAME hostile COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/e2e/hostile.py")
set_tests_properties(hostile PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e" TIMEOUT 1200)
