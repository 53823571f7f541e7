# folio batch, end to end (shell suite; generated corpora come from bench/).
add_test(NAME batch COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch.sh")
set_tests_properties(batch PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e" TIMEOUT 1500)

# Killed at random points: no partial file, no damaged existing output.
add_test(NAME kill COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/e2e/kill.py")
set_tests_properties(kill PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e" TIMEOUT 900)

# A batch site's images copied beside its pages (tests/e2e/site_images.sh).
if(TARGET folio-pdf)
  add_test(NAME site_images COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/site_images.sh")
  set_tests_properties(site_images PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e"
                       TIMEOUT 300)
endif()

# SIGTERM/SIGINT while the batch is busy writing: prompt exit, whole files only.
add_test(NAME interrupt COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/e2e/interrupt.py")
set_tests_properties(interrupt PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e" TIMEOUT 600)
