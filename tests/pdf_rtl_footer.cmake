# The PDF footer of right-to-left leaflets, mirrored (tests/e2e/pdf_rtl_footer.sh).
if(TARGET folio-pdf)
  add_test(NAME pdf_rtl_footer COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/pdf_rtl_footer.sh")
  set_tests_properties(pdf_rtl_footer PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;pdf")
endif()
