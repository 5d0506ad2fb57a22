#ifndef DANVAN_CEDITLINE_SHIM_H
#define DANVAN_CEDITLINE_SHIM_H
/*
 * libedit for danvanctl's interactive shell.
 *
 * Swift cannot call C variadic functions (el_set, el_get, history) and, in Swift 6
 * language mode, refuses to touch mutable C globals (stdin, stdout, rl_* variables) as
 * not concurrency-safe. These small inline wrappers give Swift one fixed signature per
 * use; they hold no state of their own.
 */
#include <stdio.h>
#include <wchar.h>
#include <histedit.h>
#include <editline/readline.h>

/* Callback types as libedit declares them, named so Swift can spell them. */
typedef char *(*danvan_el_prompt_fn)(EditLine *);
typedef unsigned char (*danvan_el_key_fn)(EditLine *, int);
typedef int (*danvan_el_getc_fn)(EditLine *, wchar_t *);

/* An editor on the process's standard streams. */
static inline EditLine *danvan_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}
static inline int danvan_el_set_prompt(EditLine *e, danvan_el_prompt_fn f) { return el_set(e, EL_PROMPT, f); }
static inline int danvan_el_set_editor(EditLine *e, const char *mode) { return el_set(e, EL_EDITOR, mode); }
static inline int danvan_el_set_signal(EditLine *e, int on) { return el_set(e, EL_SIGNAL, on); }
static inline int danvan_el_set_history(EditLine *e, History *h) { return el_set(e, EL_HIST, history, h); }
static inline int danvan_el_set_getc(EditLine *e, danvan_el_getc_fn f) { return el_set(e, EL_GETCFN, f); }
static inline int danvan_el_set_clientdata(EditLine *e, void *data) { return el_set(e, EL_CLIENTDATA, data); }
static inline void *danvan_el_clientdata(EditLine *e) {
    void *data = NULL;
    el_get(e, EL_CLIENTDATA, &data);
    return data;
}
static inline int danvan_el_add_function(EditLine *e, const char *name, const char *help, danvan_el_key_fn f) {
    return el_set(e, EL_ADDFN, name, help, f);
}
static inline int danvan_el_bind(EditLine *e, const char *key, const char *function) {
    return el_set(e, EL_BIND, key, function, NULL);
}
/* Reads ~/.editrc (or $EDITRC) so people keep their own key bindings. */
static inline int danvan_el_source_editrc(EditLine *e) { return el_source(e, NULL); }
/* The characters before the cursor, as UTF-8 (libedit converts from its wide buffer). */
static inline const char *danvan_el_line_before_cursor(EditLine *e, int *length) {
    const LineInfo *info = el_line(e);
    if (info == NULL) { *length = 0; return NULL; }
    *length = (int)(info->cursor - info->buffer);
    return info->buffer;
}

static inline int danvan_history_set_size(History *h, int size) { HistEvent ev; return history(h, &ev, H_SETSIZE, size); }
static inline int danvan_history_set_unique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int danvan_history_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
static inline int danvan_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
static inline int danvan_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }

#endif
