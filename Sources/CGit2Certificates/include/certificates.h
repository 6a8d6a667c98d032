#ifndef VET_CGIT2_CERTIFICATES_H
#define VET_CGIT2_CERTIFICATES_H

/*
 * Defers loading of the CA certificates that Debian's libgit2 (built with
 * mbedTLS) parses inside git_libgit2_init: the whole system bundle, about 5 ms
 * in every process, though only an https transfer needs it.
 *
 * While deferring, the two mbedTLS loaders defined in certificates.c (which,
 * being in the executable, take precedence over libmbedx509's for libgit2's
 * calls) record the location libgit2 asked for and load nothing. libgit2 then
 * holds an empty chain, so a TLS connection made before the certificates are
 * loaded fails verification: deferral fails closed, never open. Outside
 * deferral they forward to mbedTLS. A libgit2 built on OpenSSL never calls
 * them, and nothing changes.
 */

/* Starts (1) or stops (0) recording instead of loading. */
void vet_certificates_defer(int on);

/* The bundle file libgit2 asked for while deferring, or NULL. */
const char *vet_certificates_deferred_file(void);

/* The certificate folder libgit2 asked for while deferring, or NULL. */
const char *vet_certificates_deferred_path(void);

#endif
