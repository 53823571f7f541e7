# End-to-end suites driven by shell scripts in tests/e2e/.
function(folio_shell_test name script)
  add_test(NAME ${name} COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/${script}")
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${FOLIO_TEST_ENV}" LABELS "e2e")
endfunction()

folio_shell_test(cli cli.sh)
folio_shell_test(install install.sh)
folio_shell_test(banned_functions banned.sh)
