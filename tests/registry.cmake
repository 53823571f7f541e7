# Test plugins for the registry suite, built into their own folder so the
# folio command never sees them.
set(FOLIO_TEST_PLUGIN_DIR "${CMAKE_BINARY_DIR}/test-plugins")
foreach(p good nested bad_abi no_entry dup old_options)
  add_library(testplugin_${p} MODULE "${CMAKE_CURRENT_SOURCE_DIR}/plugins/${p}.c")
  set_target_properties(testplugin_${p} PROPERTIES PREFIX "" OUTPUT_NAME "folio-test-${p}"
                        LIBRARY_OUTPUT_DIRECTORY "${FOLIO_TEST_PLUGIN_DIR}")
  target_link_libraries(testplugin_${p} PRIVATE folio)
endforeach()
# A plugin whose constructor leaves a mark, in a folder of its own (the
# registry suite copies it where it must be refused before dlopen).
add_library(testplugin_ctor MODULE "${CMAKE_CURRENT_SOURCE_DIR}/plugins/ctor.c")
set_target_properties(testplugin_ctor PROPERTIES PREFIX "" OUTPUT_NAME "folio-test-ctor"
                      LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/test-plugins-ctor")
target_link_libraries(testplugin_ctor PRIVATE folio)
# Linked against the shared library, as real programs are, so the program
# and the plugins share one libfolio.
add_executable(test_registry "${CMAKE_CURRENT_SOURCE_DIR}/plugins/test_registry.c")
target_link_libraries(test_registry PRIVATE folio PkgConfig::CMOCKA)
add_dependencies(test_registry testplugin_good testplugin_nested testplugin_bad_abi
                 testplugin_no_entry testplugin_dup testplugin_old_options testplugin_ctor)
target_compile_definitions(test_registry PRIVATE FOLIO_TEST_PLUGIN_DIR="${FOLIO_TEST_PLUGIN_DIR}"
                           FOLIO_TEST_CTOR_PLUGIN="${CMAKE_BINARY_DIR}/test-plugins-ctor/folio-test-ctor.so")
add_test(NAME registry COMMAND test_registry)
set_tests_properties(registry PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "unit")
