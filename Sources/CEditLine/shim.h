#ifndef DANVAN_CEDITLINE_SHIM_H
#define DANVAN_CEDITLINE_SHIM_H
#include <stdio.h>
#include <editline/readline.h>
#endif
