/* One engine shared by several threads at once: every thread makes many calls on the same
 * engine and each answer must be byte-identical to the one made before the threads start.
 * Prints "N passed, N failed". */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recourse.h"

#define THREADS 8
#define CALLS 400

static const char ALLOCATE[] = "money.allocate";
static const char *REQUESTS[] = {
    "{\"total\":{\"amount\":\"100.00\",\"currency\":\"BRL\"},\"ratios\":[1,1,1]}",
    "{\"total\":{\"amount\":\"5800\",\"currency\":\"JPY\"},\"ratios\":[2,1]}",
    "{\"total\":{\"amount\":\"1.000\",\"currency\":\"KWD\"},\"ratios\":[1,1,1,1,1,1,1]}",
    "{\"total\":{\"amount\":\"1.001\",\"currency\":\"EUR\"},\"ratios\":[1]}",
};
#define NREQ (sizeof REQUESTS / sizeof REQUESTS[0])

static const recourse_engine *shared_engine;
static char *expected[NREQ];
static char *expected_error[NREQ];

typedef struct {
    int id;
    int failures;
} worker;

/* The answer to request i: the output bytes, or the error code prefixed with '!'. */
static char *answer(size_t i) {
    recourse_buffer *out = NULL;
    recourse_error *error = NULL;
    char *copy = NULL;
    recourse_status s =
        recourse_engine_call(shared_engine, ALLOCATE, sizeof ALLOCATE - 1,
                             REQUESTS[i], strlen(REQUESTS[i]), &out, &error);
    if (s == RECOURSE_STATUS_OK) {
        copy = strdup((const char *)recourse_buffer_data(out));
    } else if (error != NULL) {
        size_t n = strlen(recourse_error_code(error));
        copy = malloc(n + 2);
        if (copy != NULL) {
            copy[0] = '!';
            memcpy(copy + 1, recourse_error_code(error), n + 1);
        }
    }
    recourse_buffer_free(&out);
    recourse_error_free(&error);
    return copy;
}

static void *run(void *arg) {
    worker *w = arg;
    for (int c = 0; c < CALLS; c++) {
        size_t i = (size_t)(c + w->id) % NREQ;
        char *got = answer(i);
        const char *want = expected[i] != NULL ? expected[i] : expected_error[i];
        if (got == NULL || strcmp(got, want) != 0) {
            w->failures++;
        }
        free(got);
    }
    return NULL;
}

int main(void) {
    recourse_engine *engine = NULL;
    recourse_error *error = NULL;
    if (recourse_engine_new_default(&engine, &error) != RECOURSE_STATUS_OK) {
        recourse_error_free(&error);
        printf("0 passed, 1 failed\n");
        return 1;
    }
    shared_engine = engine;
    int passed = 0, failed = 0;
    for (size_t i = 0; i < NREQ; i++) {
        char *a = answer(i);
        if (a != NULL && a[0] == '!') {
            expected_error[i] = a;
        } else {
            expected[i] = a;
        }
        if (a == NULL) {
            failed++;
        }
    }
    pthread_t threads[THREADS];
    worker workers[THREADS];
    for (int t = 0; t < THREADS; t++) {
        workers[t].id = t;
        workers[t].failures = 0;
        if (pthread_create(&threads[t], NULL, run, &workers[t]) != 0) {
            fprintf(stderr, "FAIL: thread %d not started\n", t);
            failed++;
            workers[t].id = -1;
        }
    }
    for (int t = 0; t < THREADS; t++) {
        if (workers[t].id < 0) {
            continue;
        }
        pthread_join(threads[t], NULL);
        if (workers[t].failures == 0) {
            passed++;
        } else {
            fprintf(stderr, "FAIL: thread %d: %d of %d answers differed\n", t,
                    workers[t].failures, CALLS);
            failed++;
        }
    }
    recourse_engine_free(&engine);
    for (size_t i = 0; i < NREQ; i++) {
        free(expected[i]);
        free(expected_error[i]);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
