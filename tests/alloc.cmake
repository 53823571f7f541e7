# Out of memory: the core's allocations fail one at a time (see the test).
add_executable(test_alloc_failure "${CMAKE_CURRENT_SOURCE_DIR}/alloc/test_alloc_failure.c")
target_link_libraries(test_alloc_failure PRIVATE folio_private PkgConfig::CMOCKA)
target_link_options(test_alloc_failure PRIVATE
  -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc -Wl,--wrap=strdup)
target_compile_definitions(test_alloc_failure PRIVATE FOLIO_TEST_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
add_test(NAME alloc_failure COMMAND test_alloc_failure)
set_tests_properties(alloc_failure PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "unit")
