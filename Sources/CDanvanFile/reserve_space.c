#define _GNU_SOURCE
#include "CDanvanFile.h"

#include <errno.h>
#include <fcntl.h>

int danvan_reserve_space(int fd, off_t offset, off_t length) {
#if defined(__linux__)
    return fallocate(fd, 0, offset, length);
#else
    (void)fd; (void)offset; (void)length;
    errno = EOPNOTSUPP;
    return -1;
#endif
}
