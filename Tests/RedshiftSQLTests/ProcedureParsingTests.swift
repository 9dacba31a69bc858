import Testing
@testable import RedshiftSQL

/// The PL/pgSQL body parser and the binding of variables into a body's SQL (c_PLpgSQL-statements,
/// r_CREATE_PROCEDURE). Running procedures is covered end to end by Tests/compat/test_sql_procedures.py.
@Suite struct ProcedureParsingTests {
    /// r_CREATE_PROCEDURE's test_sp2 body.
    static let testSP2 = """
        DECLARE
          loop_var int;
        BEGIN
          IF f1 is null OR f2 is null THEN
            RAISE EXCEPTION 'input cannot be null';
          END IF;
          DROP TABLE if exists my_etl;
          CREATE TEMP TABLE my_etl(a int, b varchar);
            FOR loop_var IN 1..f1 LOOP
                insert into my_etl values (loop_var, f2);
                f2 := f2 || '+' || f2;
            END LOOP;
          SELECT INTO out_var count(*) from my_etl;
        END;
        """

    @Test func documentedBodyParsesIntoStatements() throws {
        let block = try PLParser.parse(Self.testSP2, procedure: "test_sp2")
        #expect(block.declarations.map(\.name) == ["loop_var"])
        #expect(block.declarations.first?.type == .scalar(.integer))
        #expect(block.body.count == 5)
        guard case .forLoop(_, let variable, .range(let low, let high, nil, false), let body) = block.body[3] else {
            Issue.record("expected a FOR over a range, got \(block.body[3])")
            return
        }
        #expect(variable == "loop_var" && low.text == "1" && high.text == "f1" && body.count == 2)
        guard case .sql(let select, let into, false) = block.body[4] else {
            Issue.record("expected SELECT INTO, got \(block.body[4])")
            return
        }
        #expect(into == ["out_var"])
        #expect(select.text == "SELECT count(*) from my_etl")
        #expect(select.line == 13)
    }

    @Test func controlStatementsParse() throws {
        let block = try PLParser.parse("""
            DECLARE r RECORD; c CURSOR FOR SELECT 1; t sales.price%TYPE;
            BEGIN
              <<outer>> LOOP EXIT outer WHEN true; CONTINUE; END LOOP;
              WHILE x < 3 LOOP x := x + 1; END LOOP;
              FOR r IN SELECT * FROM t LOOP NULL; END LOOP;
              FOR r IN EXECUTE 'select 1' LOOP NULL; END LOOP;
              FOR i IN REVERSE 10..1 BY 2 LOOP NULL; END LOOP;
              CASE x WHEN 1, 2 THEN NULL; ELSE NULL; END CASE;
              EXECUTE 'select 1' INTO x;
              GET DIAGNOSTICS n := ROW_COUNT;
              PERFORM f();
              OPEN c; FETCH c INTO x; CLOSE c;
              CALL p(x, 1);
              COMMIT; ROLLBACK;
              RAISE NOTICE 'a % b', x;
              RETURN;
            EXCEPTION WHEN OTHERS THEN RAISE;
            END
            """, procedure: "p")
        #expect(block.declarations.map(\.type) == [.record, .refcursor, .typeOf("sales.price")])
        #expect(block.body.count == 17)
        #expect(block.handlers?.first?.conditions == ["others"])
    }

    /// c_PLpgSQL-statements, Cursors and Loops: cursor arguments, OPEN … FOR EXECUTE, OPEN c(args),
    /// FOR over a query into a list of scalars.
    @Test func cursorFormsAndScalarTargetsParse() throws {
        let block = try PLParser.parse("""
            DECLARE curs3 CURSOR (key integer, tag varchar(10)) IS SELECT * FROM tenk1 WHERE unique1 = key; curs1 refcursor;
            BEGIN
              OPEN curs3(42, 'x');
              OPEN curs1 FOR EXECUTE 'SELECT * FROM ' || quote_ident(t);
              FOR x, y IN SELECT 1, 2 LOOP NULL; END LOOP;
            END
            """, procedure: "p")
        #expect(block.declarations.first?.cursorParameters == [.init(name: "key", type: .integer), .init(name: "tag", type: .varchar(length: 10))])
        guard case .openBound("curs3", let arguments, _) = block.body[0] else { Issue.record("got \(block.body[0])"); return }
        #expect(arguments.map(\.text) == ["42", "'x'"])
        guard case .openExecute("curs1", let expression, _) = block.body[1] else { Issue.record("got \(block.body[1])"); return }
        #expect(expression.text == "'SELECT * FROM ' || quote_ident(t)")
        guard case .forLoop(_, "x,y", .query, _) = block.body[2] else { Issue.record("got \(block.body[2])"); return }
    }

    /// c_PLpgSQL-statements: `EXECUTE command-string [ INTO target ]` and `RAISE level 'format' [, …]`
    /// have no USING clause: Redshift's syntax error.
    @Test func usingIsASyntaxError() {
        for body in ["BEGIN EXECUTE 'select $1' INTO n USING 1; END", "BEGIN RAISE EXCEPTION 'x' USING HINT = 'y'; END"] {
            #expect(throws: SQLError.self) { _ = try PLParser.parse(body, procedure: "p") }
            do { _ = try PLParser.parse(body, procedure: "p") } catch let error as SQLError {
                #expect(error.message.contains("syntax error at or near \"USING\""))
            } catch { Issue.record("unexpected \(error)") }
        }
    }

    @Test func syntaxErrorNamesTheLineInsideTheBody() {
        #expect(throws: SQLError.self) { try PLParser.parse("BEGIN\n  x := 1;\n  IF THEN\nEND;", procedure: "p") }
        do {
            _ = try PLParser.parse("BEGIN\n  x := 1;\n  y := ;\nEND;", procedure: "p")
        } catch let error as SQLError {
            #expect(error.code == "42601")
            #expect(error.message == "syntax error at or near \";\"\nCONTEXT: compilation of PL/pgSQL function \"p\" near line 3")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func variablesBecomeNumberedArguments() throws {
        let variables: Set<String> = ["f1", "f2", "r", "id"]
        let binding = try PLFragmentBinding.bind("insert into t (id) values (f1, f2 || 'f1', r.name, t.f1, upper(f2), f1)",
                                                 isVariable: variables.contains, isRecord: { $0 == "r" })
        #expect(binding.sql == "insert into t (id) values ( $1 ,  $2  || 'f1',  $3 , t.f1, upper( $2 ),  $1 )")
        #expect(binding.references == ["f1", "f2", "r.name"])
        let update = try PLFragmentBinding.bind("update t set id = id + 1 where id = f1", isVariable: variables.contains, isRecord: { _ in false })
        #expect(update.sql == "update t set id =  $1  + 1 where  $1  =  $2 ")
        #expect(update.references == ["id", "f1"])
    }
}
