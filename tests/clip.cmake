# The clipped-text importer end to end: fixtures -> JSON (golden files) and
# text (no boilerplate left, every body word kept).
add_test(NAME clip_fixtures COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/e2e/clip.py")
set_tests_properties(clip_fixtures PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e" TIMEOUT 300)
