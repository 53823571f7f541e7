# Fuzz targets. With FOLIO_FUZZ (clang), each is a libFuzzer binary run by
# tests/fuzz/run. Otherwise each is linked with a replay driver, and ctest runs
# it over its checked-in seed corpus and every minimised crash kept in
# tests/fuzz/regressions/<target>/.
set(FOLIO_FUZZ_TARGETS markdown clip html wxr cite profile export frontmatter)
foreach(t ${FOLIO_FUZZ_TARGETS})
  set(src "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${t}.c")
  if(FOLIO_FUZZ)
    add_executable(fuzz_${t} "${src}")
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
    set(exe fuzz_${t})
  else()
    add_executable(replay_${t} "${src}" "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay.c")
    set(exe replay_${t})
    add_test(NAME fuzz_replay_${t}
             COMMAND replay_${t} "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${t}"
                     "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/regressions/${t}")
    set_tests_properties(fuzz_replay_${t} PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}"
                         LABELS "fuzz")
  endif()
  if(t STREQUAL "frontmatter" AND NOT FOLIO_FUZZ)
    # The grammar of YAML events over a fixed stream of pseudo-random inputs:
    # a short fuzzing pass in every test run, with the sanitizers of the build.
    add_test(NAME fuzz_frontmatter_grammar COMMAND replay_frontmatter --random 20000)
    set_tests_properties(fuzz_frontmatter_grammar PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}"
                         LABELS "fuzz" TIMEOUT 300)
  endif()
  if(t STREQUAL "export")
    target_link_libraries(${exe} PRIVATE folio)   # shares libfolio with the plugins
  else()
    target_link_libraries(${exe} PRIVATE folio_private)
  endif()
endforeach()

# A short, repeatable fuzzing pass in every test run (fixed seed, fixed number
# of executions per target), in a clang build of its own. Longer runs:
# tests/fuzz/run SECONDS.
find_program(FOLIO_CLANG clang)
if(NOT FOLIO_FUZZ AND FOLIO_CLANG)
  add_test(NAME fuzz_smoke COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run" --runs 3000)
  set_tests_properties(fuzz_smoke PROPERTIES
    ENVIRONMENT "FUZZ_BUILD_DIR=${CMAKE_BINARY_DIR}/fuzz-build"
    LABELS "fuzz" TIMEOUT 1500)
endif()
