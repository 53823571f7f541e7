# The structure tree writer (plugins/pdf/writer/tags.c) on its own: a small
# tagged file made with libharu, read back by qpdf and poppler.
set(pdf_dir "${CMAKE_SOURCE_DIR}/plugins/pdf")
add_executable(test_pdf_tags pdf/test_pdf_tags.c "${pdf_dir}/writer/tags.c")
target_include_directories(test_pdf_tags PRIVATE ${FOLIO_PDF_INCLUDE_DIRS})
target_link_libraries(test_pdf_tags PRIVATE hpdf::hpdf PkgConfig::CMOCKA)
add_test(NAME pdf_tags COMMAND test_pdf_tags)
set_tests_properties(pdf_tags PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "pdf;unit")
