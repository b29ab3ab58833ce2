//! The template expression language: a tokenizer and a recursive-descent parser that
//! turn `[concat('vm-', parameters('name'))[0]]` into an [`Expr`] tree.

use std::borrow::Cow;
use std::fmt;

/// Deepest nesting of calls, property accesses and indexes the parser accepts.
const MAX_NESTING: usize = 64;

/// One parsed template expression.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Expr {
    String(String),
    Integer(i64),
    Boolean(bool),
    Null,
    /// `name(args)`; user-defined functions keep their namespace: `contoso.uniqueName`.
    Call {
        name: String,
        args: Vec<Expr>,
    },
    /// `target.name`
    Property {
        target: Box<Expr>,
        name: String,
    },
    /// `target[index]`
    Index {
        target: Box<Expr>,
        index: Box<Expr>,
    },
}

/// What a template string holds once its brackets are read.
#[derive(Debug, PartialEq)]
pub(super) enum TemplateText<'a> {
    /// Plain text (`[[` at the start already turned into `[`).
    Literal(Cow<'a, str>),
    /// The text between the outer brackets of `[...]`.
    Expression(&'a str),
}

/// Why an expression could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ExpressionError(pub String);

impl fmt::Display for ExpressionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Tells a template expression from a literal string, as ARM does: a string that starts
/// with `[` and ends with `]` is an expression, and a leading `[[` escapes the bracket.
pub(super) fn classify(text: &str) -> TemplateText<'_> {
    if let Some(rest) = text.strip_prefix("[[") {
        return TemplateText::Literal(Cow::Owned(format!("[{rest}")));
    }
    match text.strip_prefix('[').and_then(|inner| inner.strip_suffix(']')) {
        Some(inner) => TemplateText::Expression(inner),
        None => TemplateText::Literal(Cow::Borrowed(text)),
    }
}

/// Parses the text between the brackets of a template expression.
pub(super) fn parse(text: &str) -> Result<Expr, ExpressionError> {
    let tokens = tokenize(text)?;
    let mut parser = Parser { tokens, position: 0, depth: 0 };
    let expr = parser.expression()?;
    match parser.peek() {
        None => Ok(expr),
        Some(token) => Err(ExpressionError(format!("unexpected {token} after the end of the expression"))),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Identifier(String),
    String(String),
    Integer(i64),
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Comma,
    Dot,
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Identifier(name) => write!(f, "'{name}'"),
            Token::String(_) => f.write_str("a string"),
            Token::Integer(value) => write!(f, "{value}"),
            Token::OpenParen => f.write_str("'('"),
            Token::CloseParen => f.write_str("')'"),
            Token::OpenBracket => f.write_str("'['"),
            Token::CloseBracket => f.write_str("']'"),
            Token::Comma => f.write_str("','"),
            Token::Dot => f.write_str("'.'"),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<Token>, ExpressionError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' | '[' | ']' | ',' | '.' => {
                chars.next();
                tokens.push(match c {
                    '(' => Token::OpenParen,
                    ')' => Token::CloseParen,
                    '[' => Token::OpenBracket,
                    ']' => Token::CloseBracket,
                    ',' => Token::Comma,
                    _ => Token::Dot,
                });
            }
            '\'' => {
                chars.next();
                let mut literal = String::new();
                loop {
                    match chars.next() {
                        Some((_, '\'')) if chars.peek().is_some_and(|&(_, next)| next == '\'') => {
                            chars.next();
                            literal.push('\'');
                        }
                        Some((_, '\'')) => break,
                        Some((_, other)) => literal.push(other),
                        None => return Err(ExpressionError(format!("the string starting at {start} is not closed"))),
                    }
                }
                tokens.push(Token::String(literal));
            }
            '-' | '0'..='9' => {
                chars.next();
                let mut end = start + c.len_utf8();
                while let Some(&(index, digit)) = chars.peek() {
                    if !digit.is_ascii_digit() {
                        break;
                    }
                    end = index + 1;
                    chars.next();
                }
                let number = text.get(start..end).unwrap_or_default();
                let value = number
                    .parse::<i64>()
                    .map_err(|_| ExpressionError(format!("'{number}' is not a whole number ARM can use")))?;
                tokens.push(Token::Integer(value));
            }
            c if c.is_alphabetic() || c == '_' || c == '$' => {
                let mut name = String::new();
                while let Some(&(_, part)) = chars.peek() {
                    if !(part.is_alphanumeric() || part == '_' || part == '$') {
                        break;
                    }
                    name.push(part);
                    chars.next();
                }
                tokens.push(Token::Identifier(name));
            }
            other => return Err(ExpressionError(format!("unexpected character '{other}' at {start}"))),
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    position: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position)
    }

    fn peek_at(&self, offset: usize) -> Option<&Token> {
        self.tokens.get(self.position + offset)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.position).cloned();
        self.position += 1;
        token
    }

    fn expect(&mut self, expected: &Token) -> Result<(), ExpressionError> {
        match self.next() {
            Some(token) if &token == expected => Ok(()),
            Some(token) => Err(ExpressionError(format!("expected {expected}, found {token}"))),
            None => Err(ExpressionError(format!("expected {expected}, found the end of the expression"))),
        }
    }

    /// `primary ( '.' name | '[' expression ']' )*`
    fn expression(&mut self) -> Result<Expr, ExpressionError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(ExpressionError(format!("the expression is nested more than {MAX_NESTING} levels deep")));
        }
        let mut expr = self.primary()?;
        loop {
            match self.peek() {
                Some(Token::Dot) => {
                    self.next();
                    match self.next() {
                        Some(Token::Identifier(name)) => expr = Expr::Property { target: Box::new(expr), name },
                        Some(token) => {
                            return Err(ExpressionError(format!("expected a property name after '.', found {token}")))
                        }
                        None => return Err(ExpressionError("the expression ends after '.'".into())),
                    }
                }
                Some(Token::OpenBracket) => {
                    self.next();
                    let index = self.expression()?;
                    self.expect(&Token::CloseBracket)?;
                    expr = Expr::Index { target: Box::new(expr), index: Box::new(index) };
                }
                _ => break,
            }
        }
        self.depth -= 1;
        Ok(expr)
    }

    fn primary(&mut self) -> Result<Expr, ExpressionError> {
        match self.next() {
            Some(Token::String(text)) => Ok(Expr::String(text)),
            Some(Token::Integer(value)) => Ok(Expr::Integer(value)),
            Some(Token::Identifier(name)) => {
                if self.peek() == Some(&Token::OpenParen) {
                    return self.call(name);
                }
                // A user-defined function: `namespace.member(...)`.
                if self.peek() == Some(&Token::Dot) && self.peek_at(2) == Some(&Token::OpenParen) {
                    if let Some(Token::Identifier(member)) = self.peek_at(1).cloned() {
                        self.position += 2;
                        return self.call(format!("{name}.{member}"));
                    }
                }
                match name.to_ascii_lowercase().as_str() {
                    "true" => Ok(Expr::Boolean(true)),
                    "false" => Ok(Expr::Boolean(false)),
                    "null" => Ok(Expr::Null),
                    _ => Err(ExpressionError(format!("'{name}' is not followed by '(': expected a function call"))),
                }
            }
            Some(token) => Err(ExpressionError(format!("unexpected {token}"))),
            None => Err(ExpressionError("the expression is empty or ends too early".into())),
        }
    }

    fn call(&mut self, name: String) -> Result<Expr, ExpressionError> {
        self.expect(&Token::OpenParen)?;
        let mut args = Vec::new();
        if self.peek() == Some(&Token::CloseParen) {
            self.next();
            return Ok(Expr::Call { name, args });
        }
        loop {
            args.push(self.expression()?);
            match self.next() {
                Some(Token::Comma) => continue,
                Some(Token::CloseParen) => break,
                Some(token) => {
                    return Err(ExpressionError(format!(
                        "expected ',' or ')' in the arguments of {name}, found {token}"
                    )))
                }
                None => return Err(ExpressionError(format!("the arguments of {name} are not closed"))),
            }
        }
        Ok(Expr::Call { name, args })
    }
}
