# The pdf exporter's tri-fold brochure and QR codes, end to end
# (tests/e2e/pdf_trifold.sh): needs poppler-utils, qpdf and zbar-tools
# (skipped, status 77, when one is missing).
if(TARGET folio-pdf)
  add_test(NAME pdf_trifold COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/e2e/pdf_trifold.sh")
  set_tests_properties(pdf_trifold PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;pdf"
                       SKIP_RETURN_CODE 77 TIMEOUT 900)
endif()
