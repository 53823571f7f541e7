# The pdf exporter: its backend's parts on their own (cmocka), then the
# whole exporter through the folio command (tests/e2e/pdf.sh).
set(pdf_dir "${CMAKE_SOURCE_DIR}/plugins/pdf")
add_executable(test_pdf_backend pdf/test_pdf_backend.c "${pdf_dir}/font/fonts.c"
               "${pdf_dir}/font/word_table.c" "${pdf_dir}/typeset/scripts.c")
target_include_directories(test_pdf_backend PRIVATE ${FOLIO_PDF_INCLUDE_DIRS})
target_link_libraries(test_pdf_backend PRIVATE folio hpdf::hpdf PkgConfig::UTF8PROC PkgConfig::HARFBUZZ
                      PkgConfig::FONTCONFIG PkgConfig::ICU PkgConfig::CMOCKA)
target_compile_definitions(test_pdf_backend PRIVATE FOLIO_TEST_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
add_test(NAME pdf_backend COMMAND test_pdf_backend)
set_tests_properties(pdf_backend PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "pdf")

if(TARGET folio-pdf)
  add_test(NAME pdf COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/pdf.sh")
  set_tests_properties(pdf PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;pdf"
                       SKIP_RETURN_CODE 77 TIMEOUT 900)
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

# The handout's measure and typography, read from the PDF's text boxes
# (tests/e2e/pdf_measure.sh, pdf_measure.py).
if(TARGET folio-pdf)
  add_test(NAME pdf_measure COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/pdf_measure.sh")
  set_tests_properties(pdf_measure PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;pdf"
                       SKIP_RETURN_CODE 77 TIMEOUT 600)
endif()

# Articles in eleven languages and eight scripts (tests/fixtures/langs):
# PDF text extraction of every word, embedded fonts, right-to-left marking,
# lang and dir in HTML, and a character no font has as an error.
if(TARGET folio-pdf AND TARGET folio-html)
  add_test(NAME langs COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/e2e/langs.py")
  set_tests_properties(langs PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;pdf" TIMEOUT 600)
endif()
# Shaping against HarfBuzz's own tools: the glyphs folio draws for Arabic,
# Persian, Devanagari and Gurmukhi strings are hb-shape's, and their ink
# matches hb-view's rendering of the same string (tests/e2e/shaping.py).
if(TARGET folio-pdf)
  add_test(NAME shaping COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/e2e/shaping.py")
  set_tests_properties(shaping PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e;pdf" TIMEOUT 300)
endif()
