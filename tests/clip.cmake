# The clipped-text importer end to end: fixtures -> JSON (golden files) and
# text (no boilerplate left, every body word kept).
add_test(NAME clip_fixtures COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/e2e/clip.py")
set_tests_properties(clip_fixtures PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e" TIMEOUT 300)
# Issue 16's clip score (title/author/date hit rate, body precision and
# recall, boilerplate leak) over every clipped fixture, with floors.
add_test(NAME clip_score COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/e2e/clip_score.py")
set_tests_properties(clip_score PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e" TIMEOUT 300)
