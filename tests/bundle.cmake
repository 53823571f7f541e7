# The zip and tar.gz bundles: the writers driven directly (cmocka), then the
# plugins end to end through the folio command.
if(TARGET folio_bundle_obj)
  add_executable(test_bundle "${CMAKE_SOURCE_DIR}/plugins/bundle/test_bundle.c"
                 $<TARGET_OBJECTS:folio_bundle_obj>)
  target_include_directories(test_bundle PRIVATE "${CMAKE_SOURCE_DIR}/plugins/bundle")
  target_link_libraries(test_bundle PRIVATE folio ZLIB::ZLIB PkgConfig::CMOCKA Threads::Threads)
  add_test(NAME test_bundle COMMAND test_bundle)
  set_tests_properties(test_bundle PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "unit")

  # The 70,000-entry ZIP64 archive, checked by unzip, zipinfo, 7z and Python.
  add_test(NAME bundle_zip64 COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/bundle_zip64.sh"
           "$<TARGET_FILE:test_bundle>")
  set_tests_properties(bundle_zip64 PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e")

  add_test(NAME bundle COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/bundle.sh")
  set_tests_properties(bundle PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e")
endif()
