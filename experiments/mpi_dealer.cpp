#include "experiments/mpi_dealer.hpp"

#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiments/progress.hpp"
#include "experiments/sweep_error.hpp"

namespace repsim::experiments {
namespace {

// Worker -> dealer: kReady (empty: the first request), kDone (a journal line: the run finished, send
// the next), kFailed (an error message). Dealer -> worker: kWork (one run id) or kStop (empty). Every
// message of a worker gets exactly one answer, so the dealer knows when every worker has stopped.
enum Tag : int { kReady = 1, kDone = 2, kFailed = 3, kWork = 4, kStop = 5 };
constexpr int kDealer = 0;

void send_text(const std::string& text, int to, int tag) {
  MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, to, tag, MPI_COMM_WORLD);
}

struct Message {
  int source = 0;
  int tag = 0;
  std::string text;
};

Message receive_any() {
  MPI_Status status;
  MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
  int count = 0;
  MPI_Get_count(&status, MPI_CHAR, &count);
  Message m{status.MPI_SOURCE, status.MPI_TAG, std::string(static_cast<std::size_t>(count), '\0')};
  MPI_Recv(m.text.data(), count, MPI_CHAR, m.source, m.tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return m;
}

std::string run_words(const SweepPlan& plan, RunId id) {
  const Run r = plan.grid.run(id);
  return "run " + std::to_string(id) + " (variant " + std::to_string(r.variant) + ", replication " +
         std::to_string(r.replication) + ")";
}

// The run, with an error naming it (as run_sweep does).
RunRecord checked_run(const SweepPlan& plan, RunId id, const std::filesystem::path& out_dir) {
  try {
    return execute_run(plan, id, out_dir);
  } catch (const std::exception& e) {
    throw std::runtime_error(run_words(plan, id) + ": " + e.what());
  }
}

void work(const SweepPlan& plan, const SweepOptions& o) {
  send_text({}, kDealer, kReady);
  for (;;) {
    MPI_Status status;
    MPI_Probe(kDealer, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    if (status.MPI_TAG == kStop) {
      MPI_Recv(nullptr, 0, MPI_CHAR, kDealer, kStop, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      return;
    }
    std::uint64_t id = 0;
    MPI_Recv(&id, 1, MPI_UINT64_T, kDealer, kWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    try {
      send_text(journal_line(checked_run(plan, id, o.out_dir)), kDealer, kDone);
    } catch (const std::exception& e) {
      send_text(e.what(), kDealer, kFailed);
    }
  }
}

// Rank 0's side. Each worker's message is answered with the next run, or with kStop once the runs
// are dealt or anything failed; the first failure is rethrown after every worker has stopped.
SweepReport deal(const SweepPlan& plan, const SweepOptions& o, int ranks) {
  SweepReport report;
  report.threads = static_cast<unsigned>(ranks);
  std::optional<std::string> refused;  // the directory is not ours: nothing to deal
  std::optional<std::string> failure;  // a run or a journal write failed: deal no more
  std::vector<RunId> todo;
  std::optional<JournalWriter> journal;
  try {
    std::vector<bool> finished(plan.grid.run_count(), false);
    for (const RunRecord& r : open_sweep_dir(plan, o, report)) finished[r.id] = true;
    todo = runs_to_do(plan.grid.run_count(), o.shard, finished);
    report.shard_runs = todo.size() + report.already_done;
    journal.emplace(o.out_dir / kJournalFile);
  } catch (const SweepRefused& e) {
    refused = e.what();
  } catch (const std::exception& e) {
    failure = e.what();
  }

  Progress progress(refused || failure ? nullptr : o.progress, todo.size(), o.progress_tty);
  const auto start = std::chrono::steady_clock::now();
  const auto record = [&](const RunRecord& r) {
    journal->append(r);
    ++report.ran;
    progress.run_done();
  };
  std::size_t next = 0;
  if (ranks == 1) {
    for (; next < todo.size() && !failure; ++next) {
      try {
        record(checked_run(plan, todo[next], o.out_dir));
      } catch (const std::exception& e) {
        failure = e.what();
      }
    }
  }
  std::vector<std::optional<RunId>> dealt(static_cast<std::size_t>(ranks));
  for (int active = ranks - 1; active > 0;) {
    const Message m = receive_any();
    std::optional<RunId>& owed = dealt[static_cast<std::size_t>(m.source)];
    if (m.tag == kDone) {
      // Recorded even after a failure: like the thread pool, the runs in progress finish and count.
      const std::optional<RunRecord> r = parse_journal_line(m.text, plan.spec.metrics.size());
      try {
        if (!r || !owed || r->id != *owed || !record_fits(plan.grid, o.shard, *r))
          throw std::runtime_error("rank " + std::to_string(m.source) + " sent back a record that is not " +
                                   (owed ? run_words(plan, *owed) : std::string("a run it was given")));
        record(*r);
      } catch (const std::exception& e) {
        if (!failure) failure = e.what();
      }
    } else if (m.tag == kFailed && !failure) {
      failure = "rank " + std::to_string(m.source) + ": " + m.text;
    }
    owed.reset();
    if (!refused && !failure && next < todo.size()) {
      owed = todo[next++];
      const std::uint64_t id = *owed;
      MPI_Send(&id, 1, MPI_UINT64_T, m.source, kWork, MPI_COMM_WORLD);
    } else {
      MPI_Send(nullptr, 0, MPI_CHAR, m.source, kStop, MPI_COMM_WORLD);
      --active;
    }
  }
  progress.finish();
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (refused) throw SweepRefused(*refused);
  if (failure) throw std::runtime_error(*failure);
  finish_sweep_dir(o.out_dir, plan.grid, plan.spec.metrics, o.shard);
  return report;
}

}  // namespace

MpiSession::MpiSession() {
  MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

bool all_ranks_ok(bool ok) {
  int mine = ok ? 1 : 0;
  int all = 0;
  MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return all == 1;
}

SweepReport run_sweep_mpi(const SweepPlan& plan, const SweepOptions& options) {
  int rank = 0;
  int ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  if (rank == kDealer) return deal(plan, options, ranks);
  work(plan, options);
  return {};
}

}  // namespace repsim::experiments
