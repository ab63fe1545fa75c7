#ifndef LOGIST_CGIT2_SHIM_H
#define LOGIST_CGIT2_SHIM_H
#include <git2.h>
#endif
