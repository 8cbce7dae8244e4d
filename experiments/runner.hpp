#pragma once
// The thread pool of a sweep: a fixed set of workers, each taking the next run id as soon as it is
// free (runs differ in length; no static split). What to run and what to do with a finished run
// are the caller's (experiments/sweep.hpp): another dealer of runs (MPI ranks) reuses those and
// replaces only this.
#include <functional>
#include <vector>

#include "experiments/grid.hpp"

namespace repsim::experiments {

// std::thread::hardware_concurrency(), or 1 when it is unknown.
unsigned default_threads();

// Calls job(id) for every id of `todo`, on min(threads, todo.size()) threads (the calling thread
// when that is 1). After the first exception no new id is handed out; the runs in progress finish,
// then the exception is rethrown.
void run_parallel(const std::vector<RunId>& todo, unsigned threads, const std::function<void(RunId)>& job);

}  // namespace repsim::experiments
