#ifndef LOGIST_CGIT2_SHIM_H
#define LOGIST_CGIT2_SHIM_H
#include <git2.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one wrapper per option we set. */

/* Makes libgit2 ignore the user's and the system's git configuration (global, XDG, system). */
static inline int logist_git_clear_config_search_paths(void) {
  int rc = git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, "");
  if (rc != 0) return rc;
  rc = git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, "");
  if (rc != 0) return rc;
  return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, "");
}

/* Turns libgit2's repository-owner check (safe.directory) on or off for this process. */
static inline int logist_git_set_owner_validation(int enabled) {
  return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}
#endif
