#ifndef CDANVANFILE_H
#define CDANVANFILE_H

#include <sys/types.h>

/// fallocate(fd, 0, offset, length): reserves disk blocks for the range and
/// extends the file's size over it (the new bytes read as zeros). Swift's Glibc module does not export
/// fallocate (it is a GNU extension), hence this shim. Returns 0, or -1 with
/// errno set (EOPNOTSUPP/ENOSYS where the file system or platform cannot).
int danvan_reserve_space(int fd, off_t offset, off_t length);

#endif
