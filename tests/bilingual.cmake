# Bilingual leaflets (pdf -O bilingual=columns|flip, html hreflang links):
# the merge of the two layouts with fake metrics and the real dictionaries
# (plugins/pdf/tests/test_bilingual.c), then the whole thing through the
# folio command (tests/e2e/bilingual.sh).
if(TARGET hyphen::hyphen AND TARGET hpdf::hpdf)
  set(pdf_dir "${CMAKE_SOURCE_DIR}/plugins/pdf")
  add_executable(test_bilingual "${pdf_dir}/tests/test_bilingual.c" "${pdf_dir}/products/bilingual.c"
                 "${pdf_dir}/typeset/layout.c" "${pdf_dir}/typeset/linebreak.c" "${pdf_dir}/typeset/hyphen.c"
                 "${pdf_dir}/typeset/scripts.c")
  target_include_directories(test_bilingual PRIVATE ${FOLIO_PDF_INCLUDE_DIRS} ${HYPHEN_INCLUDE_DIR})
  target_link_libraries(test_bilingual PRIVATE folio_private PkgConfig::CMOCKA hpdf::hpdf
                        hyphen::hyphen PkgConfig::ICU m)
  add_test(NAME pdf_test_bilingual COMMAND test_bilingual)
  set_tests_properties(pdf_test_bilingual PROPERTIES LABELS "pdf;unit;bilingual" ENVIRONMENT
    "${FOLIO_TEST_ENV};LSAN_OPTIONS=suppressions=${pdf_dir}/tests/lsan.supp")
endif()

if(TARGET folio-pdf AND TARGET folio-html)
  add_test(NAME bilingual COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/bilingual.sh")
  set_tests_properties(bilingual PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;pdf;bilingual"
                       SKIP_RETURN_CODE 77 TIMEOUT 600)
endif()
