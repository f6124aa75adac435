#include "extract/version.h"

#include <libxml/parser.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <unicode/uversion.h>

#include "base/banned.h"

void
nf_extract_versions(struct nf_buf *out)
{
	char pcre[64] = "";
	char icu[U_MAX_VERSION_STRING_LENGTH];
	UVersionInfo v;
	uint32_t jit = 0;

	pcre2_config(PCRE2_CONFIG_VERSION, pcre);
	pcre2_config(PCRE2_CONFIG_JIT, &jit);
	u_getVersion(v);
	u_versionToString(v, icu);
	nf_buf_printf(out, "libxml2 %s, PCRE2 %s%s, ICU %s", xmlParserVersion,
		      pcre, jit ? " (JIT)" : "", icu);
}
