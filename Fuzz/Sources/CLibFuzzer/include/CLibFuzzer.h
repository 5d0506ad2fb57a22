// libFuzzer's driver entry point (compiler-rt's FuzzerInterface.h), for the fuzz targets'
// main.swift. SwiftPM links a Linux executable's `main` to its module's top-level code
// (`--defsym main=<module>_main`), so libFuzzer's own `main` can never be the entry point:
// each target's top-level code calls this driver instead, with its test function.
#ifndef DANVAN_CLIBFUZZER_H
#define DANVAN_CLIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
