#ifndef DANVAN_CSYSTEMD_SHIM_H
#define DANVAN_CSYSTEMD_SHIM_H
/* The Swift side passes CODE_FILE/CODE_LINE/CODE_FUNC of the Swift call site itself;
   without this, sd-journal.h would turn sd_journal_sendv into a macro stamping this header's location. */
#define SD_JOURNAL_SUPPRESS_LOCATION 1
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#endif
