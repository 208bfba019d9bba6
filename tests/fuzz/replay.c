/*
 * replay.c -- runs a fuzz target's inputs without libFuzzer, so that
 * make test (gcc, no sanitizers needed) replays the seeds and every input
 * that once failed.  Usage: fuzz_<name> FILE-OR-DIRECTORY...
 *
 * Each file is read whole and passed to LLVMFuzzerTestOneInput once,
 * after LLVMFuzzerInitialize if the target has one; the target aborts on
 * a failed check, as under libFuzzer, and an input still running after
 * REPLAY_TIMEOUT seconds is killed by SIGALRM (libFuzzer's -timeout).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REPLAY_TIMEOUT 30

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    uint8_t *buf;
    long n;

    if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
        fseek(fp, 0, SEEK_SET) != 0) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return -1;
    }
    /* a copy of its own, as libFuzzer gives, so overreads are caught */
    buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, fp) != (size_t)n) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return -1;
    }
    fclose(fp);
    alarm(REPLAY_TIMEOUT);
    LLVMFuzzerTestOneInput(buf, (size_t)n);
    alarm(0);
    free(buf);
    return 0;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every regular file of 'path' (a file or a directory); -1 on error. */
static long
replay_path(const char *path)
{
    struct dirent **names;
    struct stat st;
    long count = 0;
    int n, i;

    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: no such file: %s\n", path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return replay_file(path) == 0 ? 1 : -1;
    n = scandir(path, &names, NULL, by_name);
    if (n < 0)
        return -1;
    for (i = 0; i < n; i++) {
        char file[4096];
        snprintf(file, sizeof(file), "%s/%s", path, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && stat(file, &st) == 0 &&
            S_ISREG(st.st_mode)) {
            if (replay_file(file) < 0)
                count = -1;
            else if (count >= 0)
                count++;
        }
        free(names[i]);
    }
    free(names);
    return count;
}

int
main(int argc, char **argv)
{
    long total = 0;

    if (LLVMFuzzerInitialize != NULL)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        long n = replay_path(argv[i]);
        if (n < 0)
            return 1;
        total += n;
    }
    fprintf(stderr, "%s: %ld inputs replayed\n", argv[0], total);
    return 0;
}
