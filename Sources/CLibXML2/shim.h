#ifndef VET_CLIBXML2_SHIM_H
#define VET_CLIBXML2_SHIM_H

/* libxml2's HTML parser and tree, as Debian's libxml2-dev installs them.
 * Debian builds libxml2 with ICU, whose headers would clash with the copy of
 * ICU inside Foundation; vet never touches libxml2's ICU converters, so they
 * are left out of the declarations Swift sees. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* Wraps xmlFree, a function pointer Swift sees as shared mutable state. */
static inline void vet_xml_free(void *pointer) { xmlFree(pointer); }

#endif
