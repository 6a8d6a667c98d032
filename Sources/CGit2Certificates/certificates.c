#define _GNU_SOURCE
#include "certificates.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

/* mbedtls_x509_crt is only passed through: its layout is never needed here. */
typedef struct mbedtls_x509_crt mbedtls_x509_crt;

/* MBEDTLS_ERR_X509_FILE_IO_ERROR: what mbedTLS returns when it cannot read a file. */
#define VET_X509_FILE_IO_ERROR (-0x2900)

static int deferring;
static char *deferred_file;
static char *deferred_path;

void vet_certificates_defer(int on) { deferring = on; }

const char *vet_certificates_deferred_file(void) { return deferred_file; }

const char *vet_certificates_deferred_path(void) { return deferred_path; }

static void remember(char **slot, const char *value) {
  free(*slot);
  *slot = value ? strdup(value) : NULL;
}

typedef int (*loader)(mbedtls_x509_crt *, const char *);

/*
 * While deferring, records `location` in `slot`; otherwise calls the next
 * definition of `name` after this executable's (libmbedx509's).
 */
static int load_or_defer(const char *name, loader *real, char **slot, mbedtls_x509_crt *chain, const char *location) {
  if (deferring) {
    remember(slot, location);
    return 0;
  }
  if (!*real) *real = (loader)dlsym(RTLD_NEXT, name);
  return *real ? (*real)(chain, location) : VET_X509_FILE_IO_ERROR;
}

int mbedtls_x509_crt_parse_file(mbedtls_x509_crt *chain, const char *file) {
  static loader real;
  return load_or_defer("mbedtls_x509_crt_parse_file", &real, &deferred_file, chain, file);
}

int mbedtls_x509_crt_parse_path(mbedtls_x509_crt *chain, const char *path) {
  static loader real;
  return load_or_defer("mbedtls_x509_crt_parse_path", &real, &deferred_path, chain, path);
}
