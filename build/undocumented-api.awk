# Prints the uid of every type and member in docfx ManagedReference YAML (docs/api/*.yml) that has no summary.
# Namespaces are skipped; inherited members are not items there, so they are not counted. Used by build/docs.sh.
function flush() { if (uid != "" && !summary && kind != "Namespace") print uid; uid = "" }
/^items:/ { initems = 1; next }
/^references:/ { flush(); initems = 0; next }
initems && /^- uid: / { flush(); uid = $3; summary = 0; kind = ""; next }
initems && /^  type: / { kind = $2 }
initems && /^  summary: *[^ ]/ && !/^  summary: *'' *$/ { summary = 1 }
END { flush() }
