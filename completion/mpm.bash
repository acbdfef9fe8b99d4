# bash completion for mpm: commands, options, repository ids, package names and module specs.
# The candidates come from `mpm __complete`, which reads only the metadata cache (-C): a
# completion never downloads or solves anything.
_mpm() {
    # The line up to the cursor, split on blanks only: readline also breaks words at ':' and
    # '=' (COMP_WORDBREAKS), which would cut "nodejs:20" and "--installroot=/x" apart.
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words
    read -ra words <<<"$line"
    [[ $line == *[[:space:]] || ${#words[@]} -eq 0 ]] && words+=("")
    local cur=${words[-1]}
    # The options that choose the root and its configuration apply to the candidates too.
    local -a context=()
    local i
    for ((i = 1; i < ${#words[@]} - 1; i++)); do
        case ${words[i]} in
            --installroot | --config | -c | --releasever | --setopt)
                context+=("${words[i]}" "${words[i + 1]}")
                ;;
            --installroot=* | --config=* | --releasever=* | --setopt=* | --use-host-config)
                context+=("${words[i]}")
                ;;
        esac
    done
    local candidates
    candidates=$("${words[0]}" "${context[@]}" -C -q __complete -- "${words[@]:1}" 2>/dev/null)
    if [[ $candidates == __files__ ]]; then
        compopt -o default 2>/dev/null
        COMPREPLY=()
        return
    fi
    # readline replaces only what follows the last ':' or '=' of the word: offer that part.
    local broken=""
    [[ $cur == *[:=]* && $COMP_WORDBREAKS == *[:=]* ]] && broken=${cur%"${cur##*[:=]}"}
    COMPREPLY=()
    local c
    while IFS= read -r c; do
        [[ -n $c && $c == "$cur"* ]] && COMPREPLY+=("${c#"$broken"}")
    done <<<"$candidates"
}
complete -F _mpm mpm
