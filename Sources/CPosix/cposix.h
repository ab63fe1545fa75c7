// What Swift's Glibc module cannot reach for the process runner: glibc declares these spawn and
// pipe helpers only under _GNU_SOURCE, and the wait-status macros are not importable.
#ifndef LOGIST_CPOSIX_H
#define LOGIST_CPOSIX_H

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <errno.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
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

/// PR_SET_CHILD_SUBREAPER: orphaned descendants are reparented to this process instead of init.
static inline int cposix_set_subreaper(int on) { return prctl(PR_SET_CHILD_SUBREAPER, (unsigned long)on, 0, 0, 0); }

/// pidfd_open(2): a descriptor that names `pid` until it is closed (no reuse race); -1 with errno.
static inline int cposix_pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

/// pidfd_send_signal(2).
static inline int cposix_pidfd_send_signal(int pidfd, int sig) {
  return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

/// Starts `path` like the runner's posix_spawn does (own process group, here in a session of its own
/// without a controlling terminal, so it can neither read the user's terminal nor type into it; default signal dispositions,
/// empty mask, `in_fd` or /dev/null as stdin, `out_fd` and `err_fd` as stdout and stderr, in `dir`, every
/// other descriptor closed), and also sets PR_SET_PDEATHSIG to SIGKILL in the child, which posix_spawn
/// cannot: the child dies with the thread that started it, even after a `kill -9` of this process.
/// Between fork and exec only async-signal-safe calls are made. Returns 0 and the pid, or an errno.
static inline int cposix_spawn_dying_with_parent(
    pid_t *out_pid, const char *path, char *const argv[], char *const envp[], const char *dir,
    int in_fd, int out_fd, int err_fd) {
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) return errno;
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    int code = 0;
    close(report[0]);
    struct sigaction dfl;
    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < 65; sig++) {
      if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &dfl, NULL);
    }
    setsid();
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 || getppid() != parent) _exit(127);
    if (in_fd >= 0) {
      if (dup2(in_fd, 0) < 0) { code = errno; goto failed; }
    } else {
      int null_fd = open("/dev/null", O_RDONLY);
      if (null_fd < 0 || dup2(null_fd, 0) < 0) { code = errno; goto failed; }
    }
    if (dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) { code = errno; goto failed; }
    if (chdir(dir) != 0) { code = errno; goto failed; }
    if (syscall(SYS_close_range, 3, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) != 0) {
      for (int fd = 3; fd < 65536; fd++) {
        if (fd != report[1]) fcntl(fd, F_SETFD, FD_CLOEXEC);
      }
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(path, argv, envp);
    code = errno;
  failed:
    while (write(report[1], &code, sizeof(code)) < 0 && errno == EINTR) {}
    _exit(127);
  }
  int saved = errno;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  close(report[1]);
  if (pid < 0) { close(report[0]); return saved; }
  int code = 0;
  ssize_t got;
  do { got = read(report[0], &code, sizeof(code)); } while (got < 0 && errno == EINTR);
  close(report[0]);
  if (got == (ssize_t)sizeof(code)) {
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    return code ? code : ECHILD;
  }
  *out_pid = pid;
  return 0;
}

static inline int cposix_wifexited(int status) { return WIFEXITED(status); }
static inline int cposix_wexitstatus(int status) { return WEXITSTATUS(status); }
static inline int cposix_wifsignaled(int status) { return WIFSIGNALED(status); }
static inline int cposix_wtermsig(int status) { return WTERMSIG(status); }

#endif
