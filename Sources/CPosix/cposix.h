// What Swift's Glibc module cannot reach for the process runner: glibc declares these spawn and
// pipe helpers only under _GNU_SOURCE, and the wait-status macros are not importable.
#ifndef LOGIST_CPOSIX_H
#define LOGIST_CPOSIX_H

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *actions, const char *path);
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
extern int pipe2(int fds[2], int flags);

/// Adds a chdir to `path` to the spawn's file actions (glibc 2.29+).
static inline int cposix_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
  return posix_spawn_file_actions_addchdir_np(actions, path);
}

/// Closes every descriptor from `from` up in the child (glibc 2.34+).
static inline int cposix_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
  return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

/// pipe2(2).
static inline int cposix_pipe2(int fds[2], int flags) { return pipe2(fds, flags); }

/// Every signal, including the two glibc keeps for itself (32 and 33), which `sigfillset` leaves out
/// and glibc's posix_spawn would otherwise leave ignored in the child.
static inline void cposix_sigfillset_all(sigset_t *set) { memset(set, 0xff, sizeof(*set)); }

static inline int cposix_wifexited(int status) { return WIFEXITED(status); }
static inline int cposix_wexitstatus(int status) { return WEXITSTATUS(status); }
static inline int cposix_wifsignaled(int status) { return WIFSIGNALED(status); }
static inline int cposix_wtermsig(int status) { return WTERMSIG(status); }

#endif
