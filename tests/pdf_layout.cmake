# The pdf plugin's layout (line breaking, hyphenation, pages), tested without
# the libharu backend: the layout sources are linked straight into the tests
# with fake font metrics.
if(TARGET hyphen::hyphen)
  set(pdf_layout_sources
    "${CMAKE_SOURCE_DIR}/plugins/pdf/typeset/layout.c"
    "${CMAKE_SOURCE_DIR}/plugins/pdf/typeset/linebreak.c"
    "${CMAKE_SOURCE_DIR}/plugins/pdf/typeset/hyphen.c"
    "${CMAKE_SOURCE_DIR}/plugins/pdf/typeset/scripts.c")
  foreach(suite test_linebreak test_layout)
    add_executable(${suite} "${CMAKE_SOURCE_DIR}/plugins/pdf/tests/${suite}.c" ${pdf_layout_sources})
    target_include_directories(${suite} PRIVATE ${FOLIO_PDF_INCLUDE_DIRS} ${HYPHEN_INCLUDE_DIR})
    target_link_libraries(${suite} PRIVATE folio_private PkgConfig::CMOCKA hyphen::hyphen PkgConfig::ICU Threads::Threads m)
    add_test(NAME pdf_${suite} COMMAND ${suite})
    set_tests_properties(pdf_${suite} PROPERTIES LABELS "pdf;unit" ENVIRONMENT
      "${FOLIO_TEST_ENV};LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/plugins/pdf/tests/lsan.supp")
  endforeach()
endif()
