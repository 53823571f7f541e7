# The json exporter: a cmocka suite on documents built through the API (the
# plugin loaded from the build, through the registry, and by bare dlopen),
# then the samples end to end against golden files, parsed back by Python
# (tests/e2e/json.sh; FOLIO_REGEN=1 rewrites the goldens).
if(TARGET folio-json)
  add_executable(test_plugin_json "${CMAKE_CURRENT_SOURCE_DIR}/json/test_plugin_json.c")
  target_link_libraries(test_plugin_json PRIVATE folio PkgConfig::CMOCKA ${CMAKE_DL_LIBS})
  target_compile_definitions(test_plugin_json PRIVATE
    FOLIO_TEST_PLUGIN_DIR="${FOLIO_BUILD_PLUGIN_DIR}")
  add_dependencies(test_plugin_json folio-json)
  add_test(NAME plugin_json COMMAND test_plugin_json)
  set_tests_properties(plugin_json PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "unit;json")

  add_test(NAME json COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/json.sh")
  set_tests_properties(json PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;json")
endif()
