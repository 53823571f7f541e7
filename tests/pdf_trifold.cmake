# The pdf exporter's tri-fold brochure and QR codes, end to end
# (tests/e2e/pdf_trifold.sh): needs poppler-utils, qpdf and zbar-tools
# (skipped, status 77, when one is missing).
if(TARGET folio-pdf)
  add_test(NAME pdf_trifold COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/e2e/pdf_trifold.sh")
  set_tests_properties(pdf_trifold PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;pdf"
                       SKIP_RETURN_CODE 77 TIMEOUT 900)
endif()

# Geometry, layout and QR runs with fake metrics (cmocka). trifold.c and qr.c
# carry their glue with a render, so the test links the plugin's sources.
if(TARGET folio-pdf)
  # The plugin's libpng target is scoped to its folder: ask again here.
  pkg_check_modules(TRIFOLD_PNG REQUIRED IMPORTED_TARGET libpng)
  set(pdf_dir "${CMAKE_SOURCE_DIR}/plugins/pdf")
  add_executable(test_pdf_trifold pdf/test_pdf_trifold.c
    "${pdf_dir}/products/trifold.c" "${pdf_dir}/products/qr.c" "${pdf_dir}/typeset/layout.c" "${pdf_dir}/typeset/linebreak.c"
    "${pdf_dir}/typeset/hyphen.c" "${pdf_dir}/typeset/scripts.c" "${pdf_dir}/writer/draw.c" "${pdf_dir}/writer/tags.c" "${pdf_dir}/writer/png_decode.c" "${pdf_dir}/products/footer.c" "${pdf_dir}/font/fonts.c"
    "${pdf_dir}/font/word_table.c" "${pdf_dir}/products/bilingual.c")
  target_include_directories(test_pdf_trifold PRIVATE ${FOLIO_PDF_INCLUDE_DIRS})
  target_link_libraries(test_pdf_trifold PRIVATE folio hpdf::hpdf PkgConfig::UTF8PROC hyphen::hyphen ZLIB::ZLIB PkgConfig::TRIFOLD_PNG PkgConfig::QRENCODE
    PkgConfig::HARFBUZZ PkgConfig::FONTCONFIG PkgConfig::ICU PkgConfig::CMOCKA m)
  add_test(NAME pdf_trifold_unit COMMAND test_pdf_trifold)
  set_tests_properties(pdf_trifold_unit PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}"
                       LABELS "pdf;unit")
endif()
