# The pdf exporter: its backend's parts on their own (cmocka), then the
# whole exporter through the folio command (tests/e2e/pdf.sh).
if(TARGET hpdf::hpdf AND LIBDEFLATE_FOUND)
  set(pdf_dir "${CMAKE_SOURCE_DIR}/plugins/pdf")
  add_executable(test_pdf_backend pdf/test_pdf_backend.c "${pdf_dir}/font/fonts.c" "${pdf_dir}/font/ttf.c"
                 "${pdf_dir}/writer/pdffix.c")
  target_include_directories(test_pdf_backend PRIVATE ${FOLIO_PDF_INCLUDE_DIRS})
  target_link_libraries(test_pdf_backend PRIVATE folio hpdf::hpdf PkgConfig::UTF8PROC ZLIB::ZLIB PkgConfig::LIBDEFLATE PkgConfig::CMOCKA)
  target_compile_definitions(test_pdf_backend PRIVATE FOLIO_TEST_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_test(NAME pdf_backend COMMAND test_pdf_backend)
  set_tests_properties(pdf_backend PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "pdf")
endif()

if(TARGET folio-pdf)
  add_test(NAME pdf COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/pdf.sh")
  set_tests_properties(pdf PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;pdf"
                       SKIP_RETURN_CODE 77 TIMEOUT 900)
endif()

# The TrueType reader and subsetter against FreeType (libfreetype-dev, a test
# tool only: the plugin does not link it).
pkg_check_modules(FREETYPE IMPORTED_TARGET freetype2)
if(FREETYPE_FOUND)
  add_executable(test_ttf pdf/test_ttf.c "${CMAKE_SOURCE_DIR}/plugins/pdf/font/ttf.c")
  target_include_directories(test_ttf PRIVATE ${FOLIO_PDF_INCLUDE_DIRS})
  target_link_libraries(test_ttf PRIVATE PkgConfig::FREETYPE PkgConfig::CMOCKA)
  target_compile_definitions(test_ttf PRIVATE FOLIO_TEST_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_test(NAME pdf_ttf COMMAND test_ttf)
  set_tests_properties(pdf_ttf PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "pdf;unit")
endif()

# PNGs decoded with libpng (16-bit, interlaced, palette, alpha): their
# pixels come back from the PDF (tests/e2e/pdf_png.sh).
if(TARGET folio-pdf)
  add_test(NAME pdf_png COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/pdf_png.sh")
  set_tests_properties(pdf_png PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;pdf"
                       SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()

# The leaflet's patient-facing parts (tests/e2e/pdf_leaflet.sh).
if(TARGET folio-pdf)
  add_test(NAME pdf_leaflet COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/pdf_leaflet.sh")
  set_tests_properties(pdf_leaflet PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;pdf"
                       SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()
