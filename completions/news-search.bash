# Bash completion for news-search. Installed as
# share/bash-completion/completions/news-search; or source it.
# Options are read from `news-search --help`, so new ones complete without
# editing this file; option values are listed here.

_news_search() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]:-}
    # --opt=value arrives as "--opt" "=" "value" (= breaks words).
    if [[ $cur == "=" ]]; then
        cur=
    elif [[ $prev == "=" ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]:-}
    fi

    case $prev in
        --format) mapfile -t COMPREPLY < <(compgen -W "text json jsonl tsv" -- "$cur"); return ;;
        --sort) mapfile -t COMPREPLY < <(compgen -W "relevance newest oldest" -- "$cur"); return ;;
        --color) mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur"); return ;;
        --group) mapfile -t COMPREPLY < <(compgen -W "story event none" -- "$cur"); return ;;
        --facets)
            # A comma-separated list: complete its last name, not repeating any.
            local done=${cur%"${cur##*,}"} last=${cur##*,} name names=
            for name in source year month day; do
                [[ ,$done == *",$name,"* ]] || names+=" $name"
            done
            mapfile -t COMPREPLY < <(compgen -P "$done" -W "$names" -- "$last")
            compopt -o nospace 2>/dev/null || :
            return ;;
        --db | --versions | --timeline) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); compopt -o filenames 2>/dev/null || :; return ;;
        --limit | -n | --offset | --snippet-length) return ;;
    esac
    if [[ $cur == -* ]]; then
        local options
        options=$("${COMP_WORDS[0]}" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
        [[ -n $options ]] || options="--help --db --limit --offset --group --all-versions --event --versions
            --sort --format --facets --color --snippet-length"
        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    fi
}
complete -F _news_search news-search
