# The presentation catalogue end to end: one French article by three authors
# has the same byline and date in text, HTML and PDF (tests/e2e/present.sh).
if(TARGET folio-txt AND TARGET folio-html AND TARGET folio-pdf)
  add_test(NAME present COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/present.sh")
  set_tests_properties(present PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e")
endif()
