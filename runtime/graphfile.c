/*
 * graphfile.c -- the stack/heap picture of heapgraph.c written to files:
 * MpMem_SaveHeapGraph and the numbered pictures of --heap-graph.
 *
 * A path ending in .svg, .png or .pdf is rendered by running Graphviz's
 * dot as "dot -T<ext> -o PATH" (found on PATH, spawned without a shell)
 * with the DOT text on its standard input; any other path gets the DOT
 * text itself.  When dot is missing or fails, OSError says so.
 *
 * --heap-graph FILE sets the path (MpMem_SetHeapGraphPath); each
 * mem.graph() call without a path then writes FILE-1.EXT, FILE-2.EXT,
 * ... (the number goes before the extension), and the CLI writes FILE
 * itself at exit.  The path is kept in system memory, like the rest of
 * the tools that look at the heap.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "include/internal/mp_core.h"

static int
os_error(const char *path)
{
    MpErr_Format(MpExc_OSError, "[Errno %d] %s: '%s'", errno,
                 strerror(errno), path);
    return -1;
}

/* The Graphviz output format for 'path' ("svg"), or NULL for DOT. */
static const char *
render_format(const char *path)
{
    static const char *const formats[] = {"svg", "png", "pdf"};
    const char *dot = strrchr(path, '.');
    if (dot == NULL || strchr(dot, '/') != NULL)
        return NULL;
    for (size_t i = 0; i < MP_ARRAY_LENGTH(formats); i++) {
        if (strcmp(dot + 1, formats[i]) == 0)
            return formats[i];
    }
    return NULL;
}

/* Run "dot -T<format> -o <path>" with 'text' on its standard input. */
static int
render_with_dot(const char *text, size_t len, const char *format,
                const char *path)
{
    char tflag[16];
    char *argv[] = {"dot", tflag, "-o", (char *)path, NULL};
    posix_spawn_file_actions_t actions;
    int fds[2], status = 0, err;
    pid_t pid;
    snprintf(tflag, sizeof(tflag), "-T%s", format);
    if (pipe(fds) < 0)
        return os_error("dot");
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[0], 0);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    err = posix_spawnp(&pid, "dot", &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[0]);
    if (err == 0) {
        FILE *in = fdopen(fds[1], "w");
        if (in != NULL) {
            fwrite(text, 1, len, in);
            fclose(in);
        }
        else {
            close(fds[1]);
        }
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
    else {
        close(fds[1]);
    }
    if (err != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        MpErr_Format(MpExc_OSError, "could not render '%s' with Graphviz's "
                     "dot (is it installed?); a path ending in .dot gets "
                     "the DOT text", path);
        return -1;
    }
    return 0;
}

int
MpMem_SaveHeapGraph(const char *path, int depth)
{
    const char *format = render_format(path);
    char *text = NULL;
    size_t len = 0;
    FILE *out;
    int status;
    if (format == NULL) {
        out = fopen(path, "w");
        if (out == NULL)
            return os_error(path);
        status = MpMem_WriteHeapGraph(out, depth);
        if (fclose(out) != 0 && status == 0)
            return os_error(path);
        return status;
    }
    out = open_memstream(&text, &len);
    if (out == NULL) {
        MpErr_NoMemory();
        return -1;
    }
    status = MpMem_WriteHeapGraph(out, depth);
    fclose(out);
    if (status == 0)
        status = render_with_dot(text, len, format, path);
    free(text);
    return status;
}

/* ---- --heap-graph: numbered pictures ---- */

static struct {
    char *path;                 /* system memory, or NULL */
    int count;                  /* pictures written so far */
} numbered;

int
MpMem_SetHeapGraphPath(const char *path)
{
    char *copy = path != NULL ? strdup(path) : NULL;
    if (path != NULL && copy == NULL)
        return -1;
    free(numbered.path);
    numbered.path = copy;
    numbered.count = 0;
    return 0;
}

const char *
MpMem_GetHeapGraphPath(void)
{
    return numbered.path;
}

int
MpMem_SaveNextHeapGraph(int depth)
{
    const char *path = numbered.path;
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash != NULL ? slash : path, '.');
    size_t stem = dot != NULL ? (size_t)(dot - path) : strlen(path);
    size_t size = strlen(path) + 16;
    char *name = malloc(size);
    int status;
    if (name == NULL) {
        MpErr_NoMemory();
        return -1;
    }
    snprintf(name, size, "%.*s-%d%s", (int)stem, path, ++numbered.count,
             dot != NULL ? dot : "");
    status = MpMem_SaveHeapGraph(name, depth);
    free(name);
    return status;
}
