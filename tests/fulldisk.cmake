# A full disk without root: tests/tools/enospc.c, an LD_PRELOAD shim built for
# the tests only, gives one folder a byte budget (tests/e2e/fulldisk.py).
add_library(folio_enospc MODULE "${CMAKE_CURRENT_SOURCE_DIR}/tools/enospc.c")
target_link_libraries(folio_enospc PRIVATE ${CMAKE_DL_LIBS} Threads::Threads)
set_target_properties(folio_enospc PROPERTIES
  LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests" C_VISIBILITY_PRESET default)
add_test(NAME fulldisk COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/e2e/fulldisk.py")
set_tests_properties(fulldisk PROPERTIES
  ENVIRONMENT "${FOLIO_TEST_ENV};FOLIO_ENOSPC_SHIM=$<TARGET_FILE:folio_enospc>"
  LABELS "e2e" TIMEOUT 600)
