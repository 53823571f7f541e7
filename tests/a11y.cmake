# Accessibility checks. The HTML pages (each sample and fixture, and a batch
# site) go through axe-core in headless Chromium at 320, 768 and 1280 px;
# axe-core and puppeteer-core are pinned in tests/js/package-lock.json and
# installed with `npm ci` into the build tree by the a11y_npm_ci setup test.
# Node, npm and Chromium are required: without them this is a configure
# error, never a skipped test (scripts/install-deps installs them).
find_program(FOLIO_NODE NAMES node nodejs REQUIRED)
find_program(FOLIO_NPM npm)
if(NOT FOLIO_NPM)
  message(FATAL_ERROR "npm not found: the accessibility tests install axe-core with it. "
          "Debian's nodejs needs the separate 'npm' package (scripts/install-deps "
          "installs it); NodeSource's nodejs ships npm.")
endif()
find_program(FOLIO_CHROMIUM NAMES chromium chromium-browser REQUIRED)
execute_process(COMMAND "${FOLIO_NODE}" --version OUTPUT_VARIABLE folio_node_version
                OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE folio_node_rc)
string(REGEX MATCH "^v([0-9]+)" _ "${folio_node_version}")
if(NOT folio_node_rc EQUAL 0 OR CMAKE_MATCH_1 LESS 20)
  message(FATAL_ERROR "Node.js 20 or newer is needed for the accessibility tests; "
          "${FOLIO_NODE} says '${folio_node_version}'")
endif()

set(FOLIO_JS_DIR "${CMAKE_BINARY_DIR}/js")
set(FOLIO_A11Y_ENV ${FOLIO_TEST_ENV}
    "FOLIO_NODE=${FOLIO_NODE}" "FOLIO_NPM=${FOLIO_NPM}" "CHROMIUM=${FOLIO_CHROMIUM}"
    "FOLIO_JS_DIR=${FOLIO_JS_DIR}" "NODE_PATH=${FOLIO_JS_DIR}/node_modules")

add_test(NAME a11y_npm_ci COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/npm_ci.sh")
set_tests_properties(a11y_npm_ci PROPERTIES ENVIRONMENT "${FOLIO_A11Y_ENV}"
                     FIXTURES_SETUP a11y_js LABELS "e2e" TIMEOUT 600)

if(TARGET folio-html)
  add_test(NAME a11y_html COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/a11y_html.sh")
  set_tests_properties(a11y_html PROPERTIES ENVIRONMENT "${FOLIO_A11Y_ENV}"
                       FIXTURES_REQUIRED a11y_js LABELS "e2e" TIMEOUT 600)
endif()

# PDF/UA-1: every layout's PDF read by poppler, qpdf, pdf.js and our own
# content-stream checker (tests/e2e/pdf_ua.sh, pdf_marked.py).
find_program(FOLIO_PYTHON3 NAMES python3 REQUIRED)
add_test(NAME pdf_ua COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/e2e/pdf_ua.sh")
set_tests_properties(pdf_ua PROPERTIES
                     ENVIRONMENT "${FOLIO_A11Y_ENV};PDF_UA_LAYOUTS=handout trifold columns flip"
                     FIXTURES_REQUIRED a11y_js LABELS "e2e;pdf" TIMEOUT 600)
