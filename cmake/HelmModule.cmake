# helm_module(NAME SOURCES a.cc b.cc DEPS helm_x helm_y LIBS PkgConfig::YAML)
# Defines static library helm_<NAME> (alias helm::<NAME>); includes are rooted at src/ so that
# code writes #include "helm/<module>/<file>.h".
function(helm_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;LIBS" ${ARGN})
  add_library(helm_${name} STATIC ${M_SOURCES})
  add_library(helm::${name} ALIAS helm_${name})
  target_include_directories(helm_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(helm_${name} PUBLIC ${M_DEPS} ${M_LIBS})
endfunction()

# helm_test(NAME SOURCES a_test.cc DEPS helm_x) -> gtest binary <NAME>, registered with ctest.
# Tests run with the module's directory as working directory, so testdata/ paths are relative.
function(helm_test name)
  if(NOT HELM_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  gtest_discover_tests(${name} WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} DISCOVERY_TIMEOUT 60)
endfunction()
