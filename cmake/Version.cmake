# `repsim --version` names the commit it was built from. The commit is read at configure time and
# again at every build (a commit does not reconfigure), into a small generated .cpp that only the
# version line uses: cmake/write_version.cmake rewrites it only when its text changes, so a new
# commit recompiles one file and relinks repsim, never the rest.
set(REPSIM_VERSION_CPP ${CMAKE_BINARY_DIR}/generated/version_info.cpp)
set(REPSIM_VERSION_ARGS -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DOUTPUT=${REPSIM_VERSION_CPP}
                        -DVERSION=${PROJECT_VERSION})
execute_process(COMMAND ${CMAKE_COMMAND} ${REPSIM_VERSION_ARGS} -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
                        -P ${PROJECT_SOURCE_DIR}/cmake/write_version.cmake)
add_custom_target(repsim_version_info
  COMMAND ${CMAKE_COMMAND} ${REPSIM_VERSION_ARGS} -DBUILD_TYPE=$<CONFIG>
          -P ${PROJECT_SOURCE_DIR}/cmake/write_version.cmake
  BYPRODUCTS ${REPSIM_VERSION_CPP}
  COMMENT "Reading the git commit for repsim --version"
  VERBATIM)
add_library(repsim_version STATIC ${REPSIM_VERSION_CPP})
add_dependencies(repsim_version repsim_version_info)
target_include_directories(repsim_version PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(repsim_version PRIVATE repsim_warnings)
