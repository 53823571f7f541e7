# The txt exporter: a cmocka suite on documents built through the API (the
# plugin loaded from the build, through the registry, and by bare dlopen),
# then the samples end to end against golden files (tests/e2e/text.sh;
# FOLIO_REGEN=1 rewrites the goldens).
if(TARGET folio-txt)
  add_executable(test_plugin_text "${CMAKE_CURRENT_SOURCE_DIR}/text/test_plugin_text.c")
  # The shared libfolio, as real programs use: the plugin links it too.
  target_link_libraries(test_plugin_text PRIVATE folio PkgConfig::CMOCKA ${CMAKE_DL_LIBS})
  target_compile_definitions(test_plugin_text PRIVATE
    FOLIO_TEST_PLUGIN_DIR="${FOLIO_BUILD_PLUGIN_DIR}")
  add_dependencies(test_plugin_text folio-txt)
  add_test(NAME plugin_text COMMAND test_plugin_text)
  set_tests_properties(plugin_text PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "unit;txt")

  add_test(NAME text COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/text.sh")
  set_tests_properties(text PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;txt")
endif()
