# Test plugins for the registry suite, built into their own folder so the
# folio command never sees them.
set(FOLIO_TEST_PLUGIN_DIR "${CMAKE_BINARY_DIR}/test-plugins")
foreach(p good nested bad_abi no_entry dup old_options)
  add_library(testplugin_${p} MODULE "${CMAKE_CURRENT_SOURCE_DIR}/plugins/${p}.c")
  set_target_properties(testplugin_${p} PROPERTIES PREFIX "" OUTPUT_NAME "folio-test-${p}"
                        LIBRARY_OUTPUT_DIRECTORY "${FOLIO_TEST_PLUGIN_DIR}")
  target_link_libraries(testplugin_${p} PRIVATE folio)
endforeach()
# Linked against the shared library, as real programs are, so the program
# and the plugins share one libfolio.
add_executable(test_registry "${CMAKE_CURRENT_SOURCE_DIR}/plugins/test_registry.c")
target_link_libraries(test_registry PRIVATE folio PkgConfig::CMOCKA)
add_dependencies(test_registry testplugin_good testplugin_nested testplugin_bad_abi
                 testplugin_no_entry testplugin_dup testplugin_old_options)
target_compile_definitions(test_registry PRIVATE FOLIO_TEST_PLUGIN_DIR="${FOLIO_TEST_PLUGIN_DIR}")
add_test(NAME registry COMMAND test_registry)
set_tests_properties(registry PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "unit")
